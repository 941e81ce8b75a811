import torch.nn as nn

widths = [32, 64, 128]
layers = []
cin = 3
for w in widths:
    layers.append(nn.Conv2d(cin, w, 3, padding=1, bias=False))
    layers.append(nn.BatchNorm2d(w))
    layers.append(nn.ReLU())
    cin = w
features = nn.Sequential(*layers)
