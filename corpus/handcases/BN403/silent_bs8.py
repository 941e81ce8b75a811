import torch
import torchvision
from torch.utils.data import DataLoader

model = torchvision.models.resnet18(num_classes=2)
loader = DataLoader(ds, batch_size=32, shuffle=True)
opt = torch.optim.SGD(model.parameters(), lr=0.1)
for x, y in loader:
    opt.zero_grad()
    torch.nn.functional.cross_entropy(model(x), y).backward()
    opt.step()
