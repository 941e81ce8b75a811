import torch
import torch.nn as nn
from torch.utils.data import DataLoader

bn_model = nn.Sequential(nn.Linear(20, 64, bias=False), nn.BatchNorm1d(64), nn.ReLU(), nn.Linear(64, 2))
plain = nn.Sequential(nn.Linear(20, 64), nn.ReLU(), nn.Linear(64, 2))

# inference with batch size 1 after eval(): fine
bn_model.eval()
with torch.no_grad():
    for x, _ in DataLoader(test_ds, batch_size=1):
        print(bn_model(x))

# no BatchNorm: a batch of one is fine
opt = torch.optim.SGD(plain.parameters(), lr=0.1)
for x, y in DataLoader(train_ds, batch_size=1):
    opt.zero_grad()
    nn.functional.cross_entropy(plain(x), y).backward()
    opt.step()
