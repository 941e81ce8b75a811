import argparse
import torch
import torchvision
from torch.nn.parallel import DistributedDataParallel as DDP
from torch.utils.data import DataLoader
from torch.utils.data.distributed import DistributedSampler

parser = argparse.ArgumentParser()
parser.add_argument("--batch-size", type=int, default=4)
args = parser.parse_args()


def main(rank):
    torch.distributed.init_process_group("nccl")
    loader = DataLoader(dataset, batch_size=args.batch_size, sampler=DistributedSampler(dataset))
    model = torchvision.models.resnet50().cuda(rank)
    model = DDP(model, device_ids=[rank])  # expect: BN404
    return model, loader
