import torch.nn as nn

BN_KW = dict(eps=1e-5, momentum=0.9)


def norm(c):
    return nn.SyncBatchNorm(c, **BN_KW)  # expect: BN301
