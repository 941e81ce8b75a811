import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        # declared in a different order from use; the data flow matches
        self.bn_a = nn.BatchNorm2d(32)
        self.bn_b = nn.BatchNorm2d(16)
        self.conv_b = nn.Conv2d(3, 16, 3, bias=False)
        self.conv_a = nn.Conv2d(16, 32, 3, bias=False)

    def forward(self, x):
        x = self.bn_b(self.conv_b(x)).relu()
        return self.bn_a(self.conv_a(x)).relu()
