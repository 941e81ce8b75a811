import torch
import torch.nn as nn


class Encoder(nn.Module):
    def __init__(self, in_ch=3):
        super().__init__()
        self.body = nn.Sequential(nn.Conv2d(in_ch, 32, 3, 2, bias=False), nn.BatchNorm2d(32), nn.ReLU())
        self.body.eval()
        with torch.no_grad():
            self.out_shape = self.body(torch.zeros(1, in_ch, 64, 64)).shape[1:]
        self.body.train()

    def forward(self, x):
        return self.body(x)
