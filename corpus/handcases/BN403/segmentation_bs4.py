import torch
import segmentation_models_pytorch as smp
from torch.utils.data import DataLoader

model = smp.Unet("resnet34", encoder_weights="imagenet", classes=1)
loader = DataLoader(train_ds, batch_size=4, shuffle=True)
opt = torch.optim.Adam(model.parameters(), 1e-4)
for x, y in loader:
    opt.zero_grad()
    torch.nn.functional.binary_cross_entropy_with_logits(model(x), y).backward()
    opt.step()
