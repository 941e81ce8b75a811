import torch
import torch.nn as nn
from torch.utils.data import DataLoader

model = nn.Sequential(nn.Conv2d(1, 8, 3, bias=False), nn.BatchNorm2d(8), nn.ReLU(), nn.Flatten(), nn.LazyLinear(10))
opt = torch.optim.Adam(model.parameters())
loader = DataLoader(train_set, shuffle=True)  # expect: BN403
for images, labels in loader:
    loss = nn.functional.cross_entropy(model(images), labels)
    opt.zero_grad()
    loss.backward()
    opt.step()
