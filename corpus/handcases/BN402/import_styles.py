from torch.nn import Conv2d, BatchNorm1d, BatchNorm3d, ReLU, Sequential

feat = Sequential(Conv2d(3, 16, 3, bias=False), ReLU(), BatchNorm1d(16))  # expect: BN402
vol = Sequential(Conv2d(3, 16, 3, bias=False), BatchNorm3d(16))  # expect: BN402
