import torch
import torch.nn as nn
import torchvision
from torch.nn.parallel import DistributedDataParallel


def setup(rank):
    model = torchvision.models.resnet18()
    model = nn.SyncBatchNorm.convert_sync_batchnorm(model).to(rank)
    return DistributedDataParallel(model, device_ids=[rank])
