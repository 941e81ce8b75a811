import torch.nn as nn
from torch.nn.parallel import DistributedDataParallel


def setup(rank):
    model = nn.Sequential(nn.Linear(10, 64), nn.ReLU(), nn.Linear(64, 1)).to(rank)
    return DistributedDataParallel(model, device_ids=[rank])
