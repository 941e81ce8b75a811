from torch.nn.parallel import DistributedDataParallel
from mylib.models import build_model


def setup(rank, cfg):
    model = build_model(cfg).to(rank)
    return DistributedDataParallel(model, device_ids=[rank])
