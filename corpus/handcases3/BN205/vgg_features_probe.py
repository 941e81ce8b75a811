import torch
import torch.nn as nn
from torchvision.models import vgg16_bn


class VGGRegressor(nn.Module):
    def __init__(self, img_size=128):
        super().__init__()
        self.features = vgg16_bn().features
        flat = self.features(torch.rand(1, 3, img_size, img_size)).view(1, -1).size(1)  # expect: BN205
        self.head = nn.Linear(flat, 4)

    def forward(self, x):
        return self.head(self.features(x).flatten(1))
