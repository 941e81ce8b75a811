from functools import partial

import torch.nn as nn

norm_layer = partial(nn.BatchNorm2d, eps=0.1)  # expect: BN304


def block(c):
    return nn.Sequential(nn.Conv2d(c, c, 3, padding=1, bias=False), norm_layer(c), nn.ReLU())
