import torch
import torch.distributed as dist
import torchvision
from torch.nn.parallel import DistributedDataParallel as DDP
from torch.utils.data import DataLoader
from torch.utils.data.distributed import DistributedSampler


def main(rank, dataset):
    dist.init_process_group("nccl")
    model = torchvision.models.resnet50().cuda(rank)
    model = DDP(model, device_ids=[rank])  # expect: BN404
    loader = DataLoader(dataset, batch_size=4, sampler=DistributedSampler(dataset))
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    for x, y in loader:
        opt.zero_grad()
        torch.nn.functional.cross_entropy(model(x.cuda(rank)), y.cuda(rank)).backward()
        opt.step()
