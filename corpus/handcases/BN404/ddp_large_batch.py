import torchvision
from torch.nn.parallel import DistributedDataParallel
from torch.utils.data import DataLoader
from torch.utils.data.distributed import DistributedSampler


def setup(rank, dataset):
    sampler = DistributedSampler(dataset)
    loader = DataLoader(dataset, batch_size=64, sampler=sampler)
    model = torchvision.models.resnet50().to(rank)
    model = DistributedDataParallel(model, device_ids=[rank])
    return model, loader
