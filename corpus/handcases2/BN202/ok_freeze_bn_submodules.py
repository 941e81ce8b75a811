import torch
import torch.nn as nn
import torchvision

model = torchvision.models.resnet50(weights="DEFAULT")
opt = torch.optim.SGD(model.parameters(), lr=1e-3)
for epoch in range(5):
    model.train()
    for m in model.modules():
        if isinstance(m, nn.BatchNorm2d):
            m.eval()
    for x, y in train_loader:
        opt.zero_grad()
        nn.functional.cross_entropy(model(x), y).backward()
        opt.step()
