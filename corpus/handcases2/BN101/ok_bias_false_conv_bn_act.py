import torch.nn as nn


def conv_bn_act(cin, cout, k=3, s=1):
    return nn.Sequential(
        nn.Conv2d(cin, cout, k, s, k // 2, bias=False),
        nn.BatchNorm2d(cout),
        nn.ReLU6(inplace=True),
    )


class MobileStem(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = conv_bn_act(3, 32, s=2)
        self.head = nn.Linear(32, 10)
