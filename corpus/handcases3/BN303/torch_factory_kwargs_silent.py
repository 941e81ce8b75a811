import torch
import torch.nn as nn

bn = nn.BatchNorm2d(64, eps=1e-5, momentum=0.1, affine=True, track_running_stats=True, device="cpu", dtype=torch.float32)
conv = nn.Conv2d(3, 64, kernel_size=3, stride=1, padding="same", dilation=1, groups=1, bias=False, padding_mode="reflect")
lin = nn.Linear(in_features=64, out_features=10, bias=True)
drop = nn.Dropout(p=0.2, inplace=False)
