import torch
import torch.nn.functional as F
from torchvision.models import resnet18

model = resnet18(num_classes=10)
opt = torch.optim.SGD(model.parameters(), lr=0.1)
model.train()
for x, y in train_loader:
    opt.zero_grad()
    F.cross_entropy(model(x), y).backward()
    opt.step()

# training done: freeze for export
model.eval()
for p in model.parameters():
    p.requires_grad = False
torch.save(model.state_dict(), "final.pt")
