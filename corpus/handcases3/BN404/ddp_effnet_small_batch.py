import argparse

import torch
import torch.distributed as dist
from torch.utils.data import DataLoader
from torch.utils.data.distributed import DistributedSampler
from torchvision.models import efficientnet_b0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--batch-size", type=int, default=8)
    args = parser.parse_args()
    dist.init_process_group("nccl")
    rank = dist.get_rank()
    model = efficientnet_b0(num_classes=10).to(rank)
    model = torch.nn.parallel.DistributedDataParallel(model, device_ids=[rank])  # expect: BN404
    loader = DataLoader(train_set, batch_size=args.batch_size, sampler=DistributedSampler(train_set))
    opt = torch.optim.SGD(model.parameters(), lr=0.01)
    for x, y in loader:
        opt.zero_grad()
        torch.nn.functional.cross_entropy(model(x.to(rank)), y.to(rank)).backward()
        opt.step()
