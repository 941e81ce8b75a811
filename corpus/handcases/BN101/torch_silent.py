import torch.nn as nn


class Fixed(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 16, 3, bias=False)
        self.bn = nn.BatchNorm2d(16)
        # activation between conv and BN: the bias is not redundant
        self.conv2 = nn.Conv2d(16, 16, 3)
        self.act = nn.ReLU()
        self.bn2 = nn.BatchNorm2d(16)
        self.head = nn.Linear(16, 10)

    def forward(self, x):
        x = self.bn(self.conv(x))
        x = self.bn2(self.act(self.conv2(x)))
        return self.head(x.mean((2, 3)))


post_act = nn.Sequential(nn.Linear(10, 20), nn.ReLU(), nn.BatchNorm1d(20))
with_dropout = nn.Sequential(nn.Linear(10, 20), nn.Dropout(0.2), nn.BatchNorm1d(20))  # expect: BN102
