from torch import nn

tcn = nn.Sequential(
    nn.Conv1d(40, 128, kernel_size=5, padding=2, bias=False),
    nn.BatchNorm2d(128),  # expect: BN402
    nn.ReLU(),
)
