import torch
import torch.nn as nn
import torchvision

model = torchvision.models.resnet50(weights="IMAGENET1K_V2")
for p in model.parameters():
    p.requires_grad = False
model.fc = nn.Linear(2048, 5)
opt = torch.optim.Adam(model.fc.parameters(), lr=1e-3)

for epoch in range(3):
    model.train()  # expect: BN204
    for x, y in train_loader:
        opt.zero_grad()
        nn.functional.cross_entropy(model(x), y).backward()
        opt.step()
