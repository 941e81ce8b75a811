import torch.nn as nn

norm = nn.InstanceNorm2d(64, affine=True, track_running_stats=True, momentum=0.9)  # expect: BN301
