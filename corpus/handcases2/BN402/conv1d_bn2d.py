import torch.nn as nn

audio = nn.Sequential(
    nn.Conv1d(1, 32, kernel_size=9, stride=4, bias=False),
    nn.BatchNorm2d(32),  # expect: BN402
    nn.ReLU(),
)
