from torch import nn

model = nn.Sequential(
    nn.Conv2d(3, 32, 3, padding=1),  # expect: BN101
    nn.BatchNorm2d(32),
    nn.ReLU(),
    nn.Conv2d(32, 64, 3, padding=1, bias=True),  # expect: BN101
    nn.BatchNorm2d(64),
    nn.ReLU(),
    nn.Flatten(),
    nn.Linear(64 * 32 * 32, 128),  # expect: BN101
    nn.BatchNorm1d(128),
    nn.ReLU(),
    nn.Linear(128, 10),
)
