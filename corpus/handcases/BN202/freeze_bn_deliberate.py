import torch
import torch.nn as nn
import torchvision

model = torchvision.models.resnet50(weights="DEFAULT")
opt = torch.optim.SGD(model.parameters(), lr=0.001)
for epoch in range(5):
    model.train()
    for x, y in train_loader:
        for m in model.modules():
            if isinstance(m, nn.BatchNorm2d):
                m.eval()
        loss = nn.functional.cross_entropy(model(x), y)
        opt.zero_grad()
        loss.backward()
        opt.step()
