from torch import nn


def make_stem(in_ch: int = 3, width: int = 32) -> nn.Sequential:
    return nn.Sequential(
        nn.Conv2d(in_channels=in_ch, out_channels=width, kernel_size=3, stride=2, padding=1),  # expect: BN101
        nn.BatchNorm2d(num_features=width),
        nn.SiLU(inplace=True),
        nn.Conv2d(width, width, 3, padding=1, bias=False),
        nn.BatchNorm2d(width),
        nn.SiLU(inplace=True),
    )


stem = make_stem()
