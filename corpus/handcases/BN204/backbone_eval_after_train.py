import torch
import torch.nn as nn
import torchvision


class Seg(nn.Module):
    def __init__(self):
        super().__init__()
        self.backbone = torchvision.models.resnet50(weights="DEFAULT")
        self.head = nn.Conv2d(1000, 21, 1)

    def forward(self, x):
        return self.head(self.backbone(x)[:, :, None, None])


model = Seg()
for p in model.backbone.parameters():
    p.requires_grad = False
opt = torch.optim.Adam(model.head.parameters())
for epoch in range(3):
    model.train()
    model.backbone.eval()
    for x, y in loader:
        opt.zero_grad()
        nn.functional.cross_entropy(model(x), y).backward()
        opt.step()
