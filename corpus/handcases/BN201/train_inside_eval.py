import torch
import torch.nn as nn
import torch.nn.functional as F

model = nn.Sequential(nn.Conv2d(1, 16, 3, bias=False), nn.BatchNorm2d(16), nn.ReLU(), nn.Flatten(), nn.LazyLinear(10))
optimizer = torch.optim.Adam(model.parameters())

for epoch in range(5):
    model.train()
    for x, y in train_loader:
        optimizer.zero_grad()
        F.cross_entropy(model(x), y).backward()
        optimizer.step()
    with torch.no_grad():
        model.train()
        for x, y in val_loader:
            acc = (model(x).argmax(1) == y).float().mean()  # expect: BN201
