import torch
from torch.utils.data import DataLoader
from torchvision.models import vit_b_16


def train(ds):
    model = vit_b_16(num_classes=2)
    loader = DataLoader(ds, batch_size=2, shuffle=True)
    opt = torch.optim.AdamW(model.parameters(), lr=1e-4)
    for x, y in loader:
        opt.zero_grad()
        torch.nn.functional.cross_entropy(model(x), y).backward()
        opt.step()
