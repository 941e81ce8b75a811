import torch
import torch.distributed as dist
import torchvision
from torch.nn.parallel import DistributedDataParallel as DDP


def main(rank, world_size):
    dist.init_process_group("nccl", rank=rank, world_size=world_size)
    model = torchvision.models.resnet50().to(rank)
    model = DDP(model, device_ids=[rank])  # expect: BN404
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    for x, y in loader:
        opt.zero_grad()
        torch.nn.functional.cross_entropy(model(x.to(rank)), y.to(rank)).backward()
        opt.step()
