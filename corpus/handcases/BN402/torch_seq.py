import torch.nn as nn

a = nn.Sequential(nn.Conv2d(3, 16, 3, bias=False), nn.BatchNorm1d(16))  # expect: BN402
b = nn.Sequential(nn.Linear(64, 32, bias=False), nn.BatchNorm2d(32), nn.ReLU())  # expect: BN402
c = nn.Sequential(nn.Conv1d(8, 16, 3, bias=False), nn.BatchNorm1d(16))
d = nn.Sequential(nn.Conv2d(3, 16, 3, bias=False), nn.Flatten(), nn.LazyLinear(32, bias=False), nn.BatchNorm1d(32))
