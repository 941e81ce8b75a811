import torch.nn as nn

# pooling keeps the rank (N, C, 1, 1): BatchNorm1d raises on 4D input
head_bug = nn.Sequential(nn.Conv2d(64, 128, 3, bias=False), nn.AdaptiveAvgPool2d(1), nn.BatchNorm1d(128))  # expect: BN402
head_ok = nn.Sequential(nn.Conv2d(64, 128, 3, bias=False), nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.BatchNorm1d(128))
