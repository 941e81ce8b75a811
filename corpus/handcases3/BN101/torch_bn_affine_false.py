import torch.nn as nn

# whitening layer without affine parameters: the mean subtraction still cancels the bias
proj = nn.Sequential(
    nn.Linear(256, 128, bias=True),  # expect: BN101
    nn.BatchNorm1d(128, affine=False),
)
