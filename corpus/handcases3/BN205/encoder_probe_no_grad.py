import torch
import torch.nn as nn
import torchvision


class SiameseNet(nn.Module):
    def __init__(self, emb_dim=128):
        super().__init__()
        backbone = torchvision.models.resnet18()
        self.encoder = nn.Sequential(*list(backbone.children())[:-1], nn.Flatten())
        with torch.no_grad():
            feat_dim = self.encoder(torch.randn(2, 3, 96, 96)).shape[1]  # expect: BN205
        self.proj = nn.Linear(feat_dim, emb_dim)

    def forward(self, a, b):
        return self.proj(self.encoder(a)), self.proj(self.encoder(b))
