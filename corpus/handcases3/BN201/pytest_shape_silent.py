import torch
import torch.nn as nn


class Block(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(nn.Conv2d(3, 8, 3, padding=1, bias=False), nn.BatchNorm2d(8), nn.ReLU())

    def forward(self, x):
        return self.net(x)


def test_output_shape():
    block = Block()
    with torch.no_grad():
        out = block(torch.randn(2, 3, 16, 16))
    assert out.shape == (2, 8, 16, 16)
