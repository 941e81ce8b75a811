import torch
import torch.nn as nn

net = nn.Sequential(nn.Linear(10, 10, bias=False), nn.BatchNorm1d(10, eps=1e-3))
opt = torch.optim.Adam(net.parameters(), lr=1e-3, eps=0.1)
label_smoothing_eps = 0.1
