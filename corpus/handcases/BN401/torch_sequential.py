from torch import nn

mlp = nn.Sequential(
    nn.Linear(784, 256, bias=False),
    nn.BatchNorm1d(128),  # expect: BN401
    nn.ReLU(),
    nn.Linear(256, 10),
)
cnn = nn.Sequential(
    nn.Conv2d(1, 32, 3, bias=False),
    nn.ReLU(),
    nn.MaxPool2d(2),
    nn.BatchNorm2d(16),  # expect: BN401
)
ok = nn.Sequential(nn.Conv2d(1, 32, 3, bias=False), nn.BatchNorm2d(32), nn.ReLU())
