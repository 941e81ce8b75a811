import torch.nn as nn


class ConvBN(nn.Sequential):
    def __init__(self, cin, cout, k=3, s=1):
        super().__init__(
            nn.Conv2d(cin, cout, k, s, k // 2),  # expect: BN101
            nn.BatchNorm2d(cout),
        )


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.a = ConvBN(3, 16, s=2)
        self.b = ConvBN(16, 32)
        self.fc = nn.Linear(32, 10)

    def forward(self, x):
        x = self.b(self.a(x).relu()).relu()
        return self.fc(x.mean((2, 3)))
