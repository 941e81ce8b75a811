import torch.nn as nn

# momentum only drives running statistics; none are kept here, so the value has no effect
inorm = nn.InstanceNorm2d(64, momentum=0.9)
bn_batch_stats_only = nn.BatchNorm2d(64, momentum=0.9, track_running_stats=False)
inorm_tracked = nn.InstanceNorm2d(64, momentum=0.9, track_running_stats=True)  # expect: BN301
