import tensorflow as tf

model = tf.keras.Sequential([tf.keras.layers.Dense(16, use_bias=False), tf.keras.layers.BatchNormalization(), tf.keras.layers.Dense(1)])
opt = tf.keras.optimizers.Adam()
for epoch in range(5):
    for x, y in ds:
        with tf.GradientTape() as tape:
            loss = tf.reduce_mean(tf.square(model(x, training=True) - y))
        opt.apply_gradients(zip(tape.gradient(loss, model.trainable_variables), model.trainable_variables))
    val = model(x_val, training=False)
