import torch
import torchvision

model = torchvision.models.resnet18(weights="DEFAULT")
model.fc = torch.nn.Linear(512, 10)
# freeze only the classifier head (no BatchNorm there); the BN layers keep training
for p in model.fc.parameters():
    p.requires_grad = False
opt = torch.optim.SGD([p for p in model.parameters() if p.requires_grad], lr=0.01)
model.train()
for x, y in loader:
    opt.zero_grad()
    torch.nn.functional.cross_entropy(model(x), y).backward()
    opt.step()
