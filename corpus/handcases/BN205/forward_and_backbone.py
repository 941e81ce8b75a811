import torch
import torch.nn as nn
import torchvision


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3, bias=False)
        self.bn = nn.BatchNorm2d(8)
        out = self.forward(torch.zeros(1, 3, 16, 16))  # expect: BN205
        self.fc = nn.Linear(out.numel(), 2)

    def forward(self, x):
        return torch.relu(self.bn(self.conv(x))).flatten(1)


class Embedder(nn.Module):
    def __init__(self):
        super().__init__()
        self.encoder = torchvision.models.resnet18(weights="DEFAULT")
        self.encoder.fc = nn.Identity()
        with torch.no_grad():
            dim = self.encoder(torch.randn(1, 3, 224, 224)).shape[-1]  # expect: BN205
        self.proj = nn.Linear(dim, 128)
