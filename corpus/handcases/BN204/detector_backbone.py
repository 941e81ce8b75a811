import torch
from torch import nn
import torchvision


class Detector(nn.Module):
    def __init__(self):
        super().__init__()
        self.backbone = torchvision.models.resnet18(weights="DEFAULT")
        self.head = nn.Linear(1000, 4)
        for p in self.backbone.parameters():
            p.requires_grad_(False)

    def forward(self, x):
        return self.head(self.backbone(x))


det = Detector()
opt = torch.optim.Adam(det.head.parameters())
det.train()  # expect: BN204
for x, y in loader:
    opt.zero_grad()
    nn.functional.mse_loss(det(x), y).backward()
    opt.step()
