import torch.nn as nn

bn = nn.BatchNorm2d(64, epsilon=1e-3)  # expect: BN303
conv = nn.Conv2d(3, 64, 3, use_bias=False)  # expect: BN303
lin = nn.Linear(10, 20, bias=False)
gn = nn.GroupNorm(8, 64, eps=1e-5)
bn_ok = nn.BatchNorm1d(20, eps=1e-3, momentum=0.01, affine=True, track_running_stats=True)
