import torch.nn as nn

features = nn.Sequential(
    nn.Conv2d(3, 32, 3, padding=1, bias=False),
    nn.BatchNorm2d(32),
    nn.ReLU(inplace=True),
    nn.Dropout2d(p=0.1),  # expect: BN102
    nn.BatchNorm2d(32),
    nn.MaxPool2d(2),
)
