import argparse

import torch
from torch.nn.parallel import DistributedDataParallel
from torchvision.models import resnet50

parser = argparse.ArgumentParser()
parser.add_argument("--local_rank", type=int, default=0)
parser.add_argument("--sync-bn", action="store_true")
args = parser.parse_args()

torch.distributed.init_process_group(backend="nccl")
model = resnet50().cuda(args.local_rank)
if args.sync_bn:
    model = torch.nn.SyncBatchNorm.convert_sync_batchnorm(model)
model = DistributedDataParallel(model, device_ids=[args.local_rank])
