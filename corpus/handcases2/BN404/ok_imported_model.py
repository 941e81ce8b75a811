import torch
from torch.nn.parallel import DistributedDataParallel as DDP
from mylib.models import build_model


def main(rank):
    model = build_model().to(rank)
    model = DDP(model, device_ids=[rank])
    return model
