import torch
from torch.utils.data import DataLoader
from torchvision.models import resnet18


def test(model_path, dataset):
    model = resnet18(num_classes=10)
    model.load_state_dict(torch.load(model_path))
    model.eval()
    loader = DataLoader(dataset, batch_size=1)
    with torch.no_grad():
        return [model(x).argmax(1).item() for x, _ in loader]


def train(dataset):
    model = resnet18(num_classes=10)
    loader = DataLoader(dataset, batch_size=64, shuffle=True)
    opt = torch.optim.Adam(model.parameters())
    for x, y in loader:
        opt.zero_grad()
        torch.nn.functional.cross_entropy(model(x), y).backward()
        opt.step()
