import torch.nn as nn

video = nn.Sequential(
    nn.Conv3d(3, 64, kernel_size=(3, 7, 7), stride=(1, 2, 2), padding=(1, 3, 3), bias=False),
    nn.BatchNorm3d(64),
    nn.ReLU(inplace=True),
)
