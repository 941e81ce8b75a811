import torch
import torch.nn as nn
import torchvision
from torch.nn.parallel import DistributedDataParallel
from torch.utils.data import DataLoader
from torch.utils.data.distributed import DistributedSampler


def run(rank, ds):
    model = torchvision.models.resnet50().to(rank)
    model = DistributedDataParallel(model, device_ids=[rank])
    loader = DataLoader(ds, batch_size=64, sampler=DistributedSampler(ds), num_workers=8)
    for x, y in loader:
        pass
