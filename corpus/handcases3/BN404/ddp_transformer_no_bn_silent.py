import torch
import torch.nn as nn
from torch.nn.parallel import DistributedDataParallel as DDP


def main(rank):
    torch.distributed.init_process_group("nccl")
    layer = nn.TransformerEncoderLayer(256, 8, batch_first=True)
    model = nn.TransformerEncoder(layer, 6).to(rank)
    model = DDP(model, device_ids=[rank])
    return model
